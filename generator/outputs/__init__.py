"""What a build writes from the catalogue: site, search index, open data, PDFs, offline copy."""
