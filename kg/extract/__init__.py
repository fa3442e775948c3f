"""Extraction: article text → plain facts (see ``kg.model``)."""
