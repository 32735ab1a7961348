<?xml version="1.0" encoding="UTF-8"?>
<!-- Staff pages for content: list, editor, versions, search analytics. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">
</xsl:stylesheet>
