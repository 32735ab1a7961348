<?xml version="1.0" encoding="UTF-8"?>
<!-- The search page (search) and the search form other pages show. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="p str">

  <xsl:template name="search-form">
    <xsl:param name="q" select="''"/>
    <form class="search" method="get" action="/search" role="search">
      <label for="q-main" class="visually-hidden"><xsl:value-of select="p:t('search.label')"/></label>
      <input id="q-main" type="search" name="q" value="{$q}" maxlength="200"
          autocomplete="off" data-suggest="/search/suggest"
          placeholder="{p:t('search.placeholder')}"/>
      <button type="submit"><xsl:value-of select="p:t('search.button')"/></button>
    </form>
  </xsl:template>

  <xsl:template match="search" mode="title"><xsl:value-of select="p:t('search.title')"/></xsl:template>
  <xsl:template match="search">
    <h1><xsl:value-of select="p:t('search.title')"/></h1>
    <form class="search search-page" method="get" action="/search" role="search">
      <label for="q-page" class="visually-hidden"><xsl:value-of select="p:t('search.label')"/></label>
      <input id="q-page" type="search" name="q" value="{query}" maxlength="200"
          autocomplete="off" data-suggest="/search/suggest"/>
      <xsl:call-template name="search-filter"><xsl:with-param name="name" select="'kind'"/></xsl:call-template>
      <xsl:call-template name="search-filter"><xsl:with-param name="name" select="'category'"/></xsl:call-template>
      <xsl:call-template name="search-filter"><xsl:with-param name="name" select="'product'"/></xsl:call-template>
      <xsl:call-template name="search-filter"><xsl:with-param name="name" select="'in'"/></xsl:call-template>
      <button type="submit"><xsl:value-of select="p:t('search.button')"/></button>
    </form>
    <xsl:apply-templates select="tickets" mode="search"/>
    <xsl:choose>
      <xsl:when test="@empty">
        <div class="help">
          <p><xsl:value-of select="p:t(concat('search.help-', @empty))"/></p>
          <p><xsl:value-of select="p:t('search.help-tips')"/></p>
        </div>
      </xsl:when>
      <xsl:when test="@total = 0">
        <p class="empty"><xsl:value-of select="p:t('search.none', query)"/></p>
        <p><xsl:value-of select="p:t('search.help-tips')"/></p>
      </xsl:when>
      <xsl:otherwise>
        <p class="meta" role="status">
          <xsl:choose>
            <xsl:when test="@more"><xsl:value-of select="p:tn('search.count-more', @total)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="p:tn('search.count', @total)"/></xsl:otherwise>
          </xsl:choose>
        </p>
        <xsl:if test="@any-word"><p class="notice"><xsl:value-of select="p:t('search.any-word')"/></p></xsl:if>
        <ol class="hits">
          <xsl:for-each select="hits/hit">
            <li class="hit hit-{@kind}" lang="{@lang}">
              <a href="{@href}"><xsl:apply-templates select="title" mode="hl"/></a>
              <span class="badge" lang="{/page/@lang}"><xsl:value-of select="p:t(concat('kind.', @kind))"/></span>
              <p class="snippet"><xsl:apply-templates select="snippet" mode="hl"/></p>
            </li>
          </xsl:for-each>
        </ol>
        <xsl:if test="@last &gt; 1">
          <nav class="pager" aria-label="{p:t('pager.label')}">
            <xsl:variable name="base">
              <xsl:text>/search?q=</xsl:text><xsl:value-of select="str:encode-uri(query, true())"/>
              <xsl:for-each select="current/@*">&amp;<xsl:value-of select="name()"/>=<xsl:value-of select="str:encode-uri(., true())"/></xsl:for-each>
            </xsl:variable>
            <xsl:if test="@page &gt; 1">
              <a rel="prev" href="{$base}&amp;page={@page - 1}"><xsl:value-of select="p:t('pager.prev')"/></a>
            </xsl:if>
            <span><xsl:value-of select="p:t('pager.of', p:n(@page), p:n(@last))"/></span>
            <xsl:if test="@page &lt; @last">
              <a rel="next" href="{$base}&amp;page={@page + 1}"><xsl:value-of select="p:t('pager.next')"/></a>
            </xsl:if>
          </nav>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="not(@empty)">
      <xsl:apply-templates select="." mode="ask"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="search-filter">
    <xsl:param name="name"/>
    <label class="filter">
      <span><xsl:value-of select="p:t(concat('search.filter.', $name))"/></span>
      <select name="{$name}">
        <option value=""><xsl:value-of select="p:t('search.filter.any')"/></option>
        <xsl:for-each select="filters/option[@name = $name]">
          <option value="{@value}">
            <xsl:if test="@selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:choose>
              <xsl:when test="$name = 'kind'"><xsl:value-of select="p:t(concat('kind.', @value))"/></xsl:when>
              <xsl:when test="$name = 'in'"><xsl:value-of select="p:t(concat('langname.', @value))"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
            </xsl:choose>
          </option>
        </xsl:for-each>
      </select>
    </label>
  </xsl:template>

  <xsl:template match="*" mode="hl"><xsl:apply-templates mode="hl"/></xsl:template>
  <xsl:template match="hl" mode="hl"><mark><xsl:value-of select="."/></mark></xsl:template>
  <xsl:template match="text()" mode="hl"><xsl:value-of select="."/></xsl:template>
</xsl:stylesheet>
