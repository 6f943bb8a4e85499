"""Product pages: the only code that opens network connections (fetch, with its
address rules in addresses) and the code that finds an ingredient list in a page
(extract). It never imports the web or storage layers."""
