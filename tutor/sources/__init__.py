"""Opinion texts: pages, headings and errata, and the proof that a quote stands in its source."""
