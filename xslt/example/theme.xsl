<?xml version="1.0" encoding="UTF-8"?>
<!--
  An example child theme: it imports the default theme and overrides
  only two templates, the extra <head> links (its stylesheet, which
  re-brands the portal by overriding the default theme's colour
  variables and nothing else) and the brand (a tagline under the site
  name).  Everything else, the rest
  of the header (navigation, search, account menu, language switch) and
  every page, comes from the default theme.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">
  <xsl:import href="../default/theme.xsl"/>

  <xsl:template name="head-extra">
    <link rel="stylesheet" href="/static/example/example.css"/>
  </xsl:template>

  <xsl:template name="brand">
    <a class="brand example-brand" href="/">
      <span class="brand-name"><xsl:value-of select="/page/site/@name"/></span>
      <span class="tagline"><xsl:value-of select="p:t('site.tagline')"/></span>
    </a>
  </xsl:template>
</xsl:stylesheet>
