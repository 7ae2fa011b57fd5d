"""Query → ranked passages: hybrid retrieval, filters, highlighting, evaluation."""
