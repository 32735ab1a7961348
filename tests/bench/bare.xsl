<?xml version="1.0" encoding="UTF-8"?>
<!-- The bare reference responder's page: a small HTML document. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/page">
    <html lang="en">
      <head><title><xsl:value-of select="title"/></title>
        <link rel="stylesheet" href="/static/default/portico.css"/></head>
      <body>
        <header><a href="/">Home</a></header>
        <main><h1><xsl:value-of select="title"/></h1>
          <p><xsl:value-of select="summary"/></p></main>
        <footer><p>Powered by Portico</p></footer>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
