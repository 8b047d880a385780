"""Corpus-level work on extracted quotes: read quotes JSONL as a stream, never re-parse articles.

Each module does one job over the quotes that ``quoteattr extract`` wrote (speaker directory,
gender, counts, report, clusters); see the modules themselves.
"""
