<?xml version="1.0" encoding="UTF-8"?>
<!-- Error pages: <error status="404" reason="..." arg="..."/>. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="error" mode="title">
    <xsl:value-of select="p:t(concat('error.', @status, '.title'))"/>
  </xsl:template>

  <xsl:template match="error">
    <section class="error" role="alert">
      <p class="error-code"><xsl:value-of select="@status"/></p>
      <h1><xsl:value-of select="p:t(concat('error.', @status, '.title'))"/></h1>
      <p><xsl:value-of select="p:t(concat('error.', @status, '.text'))"/></p>
      <xsl:if test="@reason">
        <p class="reason">
          <xsl:choose>
            <xsl:when test="number(@arg) = number(@arg)"><xsl:value-of select="p:tn(concat('error.reason.', @reason), @arg)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="p:t(concat('error.reason.', @reason), @arg)"/></xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:if>
      <p><a href="/"><xsl:value-of select="p:t('error.home')"/></a></p>
      <p class="meta"><xsl:value-of select="p:t('error.rid', /page/@request-id)"/></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
