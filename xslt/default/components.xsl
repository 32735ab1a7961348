<?xml version="1.0" encoding="UTF-8"?>
<!--
  The design system's components, as named templates (portico.css styles
  them; a theme overrides one to change it everywhere):
    card         a box with a heading: title, body (a result tree
                 fragment), icon (an icon name, optional), class (more
                 classes: card-attention), id (for aria-labelledby);
                 or, instead of body, of (a node): the body is then
                 of's template in mode="card-body", given the card's id
                 as the parameter card (no result tree fragment to build
                 and copy, which costs a page as much as its cards)
    tile         a link with an icon over the whole box: href, label, icon
    pill         a status pill: text, tone (success, warning, danger, info)
    empty-state  a dashed box saying there is nothing: text, icon
  Tables that stack into labelled rows on a phone are class="list stack"
  with data-label on every cell (account.xsl); breadcrumbs (trail) and
  pagination (pages) are in lists.xsl; forms with inline errors in
  forms.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="card">
    <xsl:param name="title"/>
    <xsl:param name="body"/>
    <xsl:param name="icon"/>
    <xsl:param name="class"/>
    <xsl:param name="id"/>
    <xsl:param name="of" select="/.."/>
    <section class="card {$class}" aria-labelledby="{$id}">
      <h2 id="{$id}" class="card-title">
        <xsl:if test="$icon">
          <xsl:call-template name="icon"><xsl:with-param name="name" select="$icon"/></xsl:call-template>
        </xsl:if>
        <xsl:copy-of select="$title"/>
      </h2>
      <xsl:copy-of select="$body"/>
      <xsl:apply-templates select="$of" mode="card-body">
        <xsl:with-param name="card" select="$id"/>
      </xsl:apply-templates>
    </section>
  </xsl:template>

  <xsl:template name="tile">
    <xsl:param name="href"/>
    <xsl:param name="label"/>
    <xsl:param name="icon"/>
    <a class="tile" href="{$href}">
      <xsl:copy-of select="$icon"/>
      <span><xsl:value-of select="$label"/></span>
    </a>
  </xsl:template>

  <xsl:template name="pill">
    <xsl:param name="text"/>
    <xsl:param name="tone" select="'info'"/>
    <span class="pill pill-{$tone}"><xsl:value-of select="$text"/></span>
  </xsl:template>

  <xsl:template name="empty-state">
    <xsl:param name="text"/>
    <xsl:param name="icon" select="'book'"/>
    <div class="empty-state">
      <xsl:call-template name="icon"><xsl:with-param name="name" select="$icon"/></xsl:call-template>
      <p class="empty"><xsl:value-of select="$text"/></p>
    </div>
  </xsl:template>
</xsl:stylesheet>
