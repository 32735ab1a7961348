<?xml version="1.0" encoding="UTF-8"?>
<!-- The staff home (staff-home): what needs attention, and every staff page. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="staff-home" mode="title">
    <xsl:value-of select="p:t('staff-home.title')"/>
  </xsl:template>

  <xsl:template match="staff-home">
    <h1><xsl:value-of select="p:t('staff-home.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <div class="staff-home">
      <xsl:apply-templates select="drafts | empty-searches | unhelpful" mode="staff-home"/>
    </div>
    <section class="staff-pages" aria-labelledby="staff-pages-heading">
      <h2 id="staff-pages-heading"><xsl:value-of select="p:t('staff-home.pages')"/></h2>
      <ul class="card-list">
        <xsl:for-each select="links/link">
          <li class="card"><a href="{@href}"><xsl:value-of select="p:t(@label)"/></a></li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <xsl:template match="drafts" mode="staff-home">
    <section class="panel" aria-labelledby="home-drafts">
      <h2 id="home-drafts">
        <a href="/staff/content?status=draft"><xsl:value-of select="p:t('staff-home.drafts', @count)"/></a>
      </h2>
      <xsl:choose>
        <xsl:when test="item">
          <ul class="attention">
            <xsl:for-each select="item">
              <li>
                <a href="/staff/content/{@id}" lang="{@lang}"><xsl:value-of select="."/></a>
                <xsl:text> </xsl:text>
                <span class="meta"><xsl:value-of select="p:t(concat('kind.', @kind))"/> · <time><xsl:value-of select="@updated"/></time></span>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise><p class="empty"><xsl:value-of select="p:t('staff-home.no-drafts')"/></p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="empty-searches" mode="staff-home">
    <section class="panel" aria-labelledby="home-searches">
      <h2 id="home-searches">
        <a href="/staff/search"><xsl:value-of select="p:t('staff-home.empty-searches', @count, @days)"/></a>
      </h2>
      <xsl:choose>
        <xsl:when test="query">
          <ul class="attention">
            <xsl:for-each select="query">
              <li>
                <a href="/staff/search" lang="{@lang}"><xsl:value-of select="."/></a>
                <xsl:text> </xsl:text>
                <span class="meta"><xsl:value-of select="p:tn('staff-home.times', @count)"/></span>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise><p class="empty"><xsl:value-of select="p:t('staff-home.no-empty-searches')"/></p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="unhelpful" mode="staff-home">
    <section class="panel" aria-labelledby="home-unhelpful">
      <h2 id="home-unhelpful"><xsl:value-of select="p:t('staff-home.unhelpful', @count, @days)"/></h2>
      <xsl:choose>
        <xsl:when test="vote">
          <ul class="attention">
            <xsl:for-each select="vote">
              <li>
                <a href="/staff/content/{@item}" lang="{@lang}"><xsl:value-of select="title"/></a>
                <xsl:text> </xsl:text>
                <span class="meta"><time><xsl:value-of select="@at"/></time></span>
                <xsl:if test="comment">
                  <blockquote><p><xsl:value-of select="comment"/></p></blockquote>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise><p class="empty"><xsl:value-of select="p:t('staff-home.no-unhelpful')"/></p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
</xsl:stylesheet>
