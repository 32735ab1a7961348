<?xml version="1.0" encoding="UTF-8"?>
<!-- Staff search analytics (staff-search). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="p str">

  <!-- Search synonyms -->
  <xsl:template match="staff-synonyms" mode="title"><xsl:value-of select="p:t('staff-synonyms.title')"/></xsl:template>
  <xsl:template match="staff-synonyms">
    <h1><xsl:value-of select="p:t('staff-synonyms.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <p><xsl:value-of select="p:t('staff-synonyms.intro')"/></p>
    <xsl:choose>
      <xsl:when test="set">
        <table class="list" tabindex="0">
          <thead><tr>
            <th scope="col"><xsl:value-of select="p:t('field.lang')"/></th>
            <th scope="col"><xsl:value-of select="p:t('staff-synonyms.members')"/></th>
            <th scope="col"><span class="visually-hidden"><xsl:value-of select="p:t('members.actions')"/></span></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="set">
              <tr class="synonym-set">
                <td><xsl:value-of select="@lang"/></td>
                <td lang="{@lang}">
                  <xsl:for-each select="member">
                    <xsl:if test="position() &gt; 1"><xsl:text> · </xsl:text></xsl:if>
                    <span class="member"><xsl:value-of select="."/></span>
                  </xsl:for-each>
                </td>
                <td class="row-actions"><xsl:apply-templates select="form"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="p:t('staff-synonyms.none')"/></p></xsl:otherwise>
    </xsl:choose>
    <section class="panel narrow">
      <h2><xsl:value-of select="p:t('staff-synonyms.add')"/></h2>
      <xsl:apply-templates select="form[@id = 'synonyms-add']"/>
    </section>
  </xsl:template>

  <!-- Search analytics -->
  <xsl:template match="staff-search" mode="title"><xsl:value-of select="p:t('staff-search.title')"/></xsl:template>
  <xsl:template match="staff-search">
    <h1><xsl:value-of select="p:t('staff-search.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <form class="search" method="get" action="/staff/search">
      <label for="s-from"><xsl:value-of select="p:t('staff.from')"/></label>
      <input id="s-from" type="date" name="from" value="{@from}"/>
      <label for="s-to"><xsl:value-of select="p:t('staff.to')"/></label>
      <input id="s-to" type="date" name="to" value="{@to}"/>
      <button type="submit"><xsl:value-of select="p:t('staff.find')"/></button>
    </form>
    <p class="meta"><xsl:value-of select="p:t('staff-search.totals', p:tn('staff-search.searches', @searches), p:tn('staff-search.without-results', @empty), p:tn('staff-search.opened', @opened))"/></p>
    <p><a href="/staff/search/synonyms"><xsl:value-of select="p:t('staff-synonyms.title')"/></a></p>
    <xsl:for-each select="queries">
      <section>
        <h2><xsl:value-of select="p:t(concat('staff-search.', @name))"/></h2>
        <xsl:choose>
          <xsl:when test="query">
            <table class="list" tabindex="0">
              <thead><tr>
                <th scope="col"><xsl:value-of select="p:t('search.label')"/></th>
                <th scope="col"><xsl:value-of select="p:t('staff-search.count')"/></th>
                <th scope="col"><span class="visually-hidden"><xsl:value-of select="p:t('members.actions')"/></span></th>
              </tr></thead>
              <tbody>
                <xsl:for-each select="query">
                  <tr>
                    <td dir="auto"><a href="/search?q={str:encode-uri(., true())}"><xsl:value-of select="."/></a></td>
                    <td><xsl:value-of select="@count"/></td>
                    <td>
                      <xsl:if test="../@name = 'none'">
                        <a href="/staff/content/new?title={str:encode-uri(., true())}"><xsl:value-of select="p:t('staff-search.draft')"/></a>
                      </xsl:if>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </xsl:when>
          <xsl:otherwise><p class="empty"><xsl:value-of select="p:t('kb.empty')"/></p></xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:for-each>
    <xsl:apply-templates select="deflections"/>
  </xsl:template>
</xsl:stylesheet>
