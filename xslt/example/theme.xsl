<?xml version="1.0" encoding="UTF-8"?>
<!--
  An example child theme: it imports the default theme and overrides
  only two templates, the extra <head> links (to add its colours) and
  the header (a tagline under the site name).  Everything else, every
  page included, comes from the default theme.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">
  <xsl:import href="../default/theme.xsl"/>

  <xsl:template name="head-extra">
    <link rel="stylesheet" href="/static/example/example.css"/>
  </xsl:template>

  <xsl:template name="header">
    <header class="site-header example-header">
      <div class="bar">
        <a class="brand" href="/">
          <span class="brand-name"><xsl:value-of select="/page/site/@name"/></span>
          <span class="tagline"><xsl:value-of select="p:t('site.tagline')"/></span>
        </a>
        <nav class="nav" aria-label="{p:t('nav.label')}">
          <a href="/"><xsl:value-of select="p:t('nav.home')"/></a>
        </nav>
        <xsl:call-template name="user-menu"/>
        <xsl:call-template name="language-switch"/>
      </div>
    </header>
  </xsl:template>
</xsl:stylesheet>
