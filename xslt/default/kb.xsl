<?xml version="1.0" encoding="UTF-8"?>
<!-- The knowledge base: its front page (kb) and a category (kb-category). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <!-- The knowledge base's front page -->
  <xsl:template match="kb" mode="title"><xsl:value-of select="p:t('kb.title')"/></xsl:template>
  <xsl:template match="kb">
    <h1><xsl:value-of select="p:t('kb.title')"/></h1>
    <xsl:call-template name="search-form"/>
    <section class="categories">
      <h2><xsl:value-of select="p:t('kb.categories')"/></h2>
      <ul class="card-list">
        <xsl:for-each select="categories/category">
          <li class="card">
            <a href="/kb/{@slug}"><xsl:value-of select="name"/></a>
            <xsl:if test="category">
              <ul class="sub">
                <xsl:for-each select="category">
                  <li><a href="/kb/{@slug}"><xsl:value-of select="name"/></a></li>
                </xsl:for-each>
              </ul>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </section>
    <section>
      <h2><xsl:value-of select="p:t('kb.newest')"/></h2>
      <xsl:apply-templates select="items"/>
    </section>
  </xsl:template>

  <!-- A category -->
  <xsl:template match="kb-category" mode="title"><xsl:value-of select="name"/></xsl:template>
  <xsl:template match="kb-category">
    <xsl:apply-templates select="trail"/>
    <h1><xsl:value-of select="name"/></h1>
    <xsl:if test="categories/category">
      <ul class="sub">
        <xsl:for-each select="categories/category">
          <li><a href="/kb/{@slug}"><xsl:value-of select="name"/></a></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
    <xsl:apply-templates select="items"/>
    <xsl:apply-templates select="pages"/>
  </xsl:template>
</xsl:stylesheet>
