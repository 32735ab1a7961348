<?xml version="1.0" encoding="UTF-8"?>
<!--
  The theme's icons, inline SVG drawn in currentColor (so they follow the
  colour scheme and the text they stand beside).  Every icon is
  decorative: its text is next to it, so it is hidden from screen readers.
    icon             name: one of the names below; an unknown name draws
                     the default (a book)
    category-icon    slug: a category's slug; the icon of the first word
                     it contains (account, bill, domain, mail, server,
                     host, support, news, secur), else the default
  A theme adds or changes icons by overriding either template.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="category-icon">
    <xsl:param name="slug"/>
    <xsl:call-template name="icon">
      <xsl:with-param name="name">
        <xsl:choose>
          <xsl:when test="contains($slug, 'account') or contains($slug, 'sign')">user</xsl:when>
          <xsl:when test="contains($slug, 'bill') or contains($slug, 'invoice') or contains($slug, 'pay')">card</xsl:when>
          <xsl:when test="contains($slug, 'domain') or contains($slug, 'dns')">globe</xsl:when>
          <xsl:when test="contains($slug, 'mail')">mail</xsl:when>
          <xsl:when test="contains($slug, 'server')">server</xsl:when>
          <xsl:when test="contains($slug, 'host') or contains($slug, 'web')">cloud</xsl:when>
          <xsl:when test="contains($slug, 'support') or contains($slug, 'help')">lifebuoy</xsl:when>
          <xsl:when test="contains($slug, 'news')">news</xsl:when>
          <xsl:when test="contains($slug, 'secur')">shield</xsl:when>
          <xsl:otherwise>book</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="icon">
    <xsl:param name="name"/>
    <!-- By length first: a few comparisons instead of one per icon -->
    <xsl:variable name="len" select="string-length($name)"/>
    <svg class="icon icon-{$name}" viewBox="0 0 24 24" width="24" height="24"
        fill="none" stroke="currentColor" stroke-width="2"
        stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
      <xsl:choose>
        <xsl:when test="$len = 3">
          <xsl:choose>
            <xsl:when test="$name = 'key'">
              <circle cx="8" cy="15" r="4"/><path d="M11 12l9-9M16 7l3 3"/>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="icon-default"/></xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:when test="$len = 4">
          <xsl:choose>
            <xsl:when test="$name = 'menu'">
              <path d="M3 6h18M3 12h18M3 18h18"/>
            </xsl:when>
            <xsl:when test="$name = 'user'">
              <circle cx="12" cy="8" r="4"/><path d="M4 21c0-4 4-6 8-6s8 2 8 6"/>
            </xsl:when>
            <xsl:when test="$name = 'card'">
              <rect x="2" y="5" width="20" height="14" rx="2"/><path d="M2 10h20M6 15h4"/>
            </xsl:when>
            <xsl:when test="$name = 'mail'">
              <rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>
            </xsl:when>
            <xsl:when test="$name = 'news'">
              <path d="M4 4h13v16H6a2 2 0 0 1-2-2V4zM17 8h3v10a2 2 0 0 1-2 2M8 8h5M8 12h5M8 16h3"/>
            </xsl:when>
            <xsl:when test="$name = 'bell'">
              <path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4l2-2zM10 21h4"/>
            </xsl:when>
            <xsl:when test="$name = 'chat'">
              <path d="M4 5h16v11H9l-5 4V5z"/><path d="M8 9h8M8 12h5"/>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="icon-default"/></xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:when test="$len = 5">
          <xsl:choose>
            <xsl:when test="$name = 'users'">
              <circle cx="9" cy="8" r="3.5"/><path d="M2 20c0-3.5 3-5.5 7-5.5s7 2 7 5.5"/>
              <path d="M16 4.5a3.5 3.5 0 0 1 0 7M18 14.7c2.4.6 4 2.3 4 5.3"/>
            </xsl:when>
            <xsl:when test="$name = 'globe'">
              <circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z"/>
            </xsl:when>
            <xsl:when test="$name = 'cloud'">
              <path d="M7 18h10a4 4 0 0 0 .6-8 6 6 0 0 0-11.4 1.5A3.3 3.3 0 0 0 7 18z"/>
            </xsl:when>
            <xsl:when test="$name = 'check'">
              <circle cx="12" cy="12" r="9"/><path d="M8 12l3 3 5-6"/>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="icon-default"/></xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:when test="$len = 6">
          <xsl:choose>
            <xsl:when test="$name = 'server'">
              <rect x="3" y="3" width="18" height="7" rx="1.5"/><rect x="3" y="14" width="18" height="7" rx="1.5"/>
              <path d="M7 6.5h.01M7 17.5h.01"/>
            </xsl:when>
            <xsl:when test="$name = 'shield'">
              <path d="M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6l8-3z"/><path d="M9 12l2 2 4-4"/>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="icon-default"/></xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:when test="$len = 8">
          <xsl:choose>
            <xsl:when test="$name = 'lifebuoy'">
              <circle cx="12" cy="12" r="9"/><circle cx="12" cy="12" r="4"/>
              <path d="M5.6 5.6l3.6 3.6M14.8 14.8l3.6 3.6M18.4 5.6l-3.6 3.6M9.2 14.8l-3.6 3.6"/>
            </xsl:when>
            <xsl:when test="$name = 'building'">
              <path d="M4 21V4h10v17M14 9h6v12M2 21h20M8 8h2M8 12h2M8 16h2M17 13h.01M17 17h.01"/>
            </xsl:when>
            <xsl:when test="$name = 'question'">
              <circle cx="12" cy="12" r="9"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7M12 17h.01"/>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="icon-default"/></xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="icon-default"/></xsl:otherwise>
      </xsl:choose>
    </svg>
  </xsl:template>

  <!-- The default icon (a book), for a name the list does not hold -->
  <xsl:template name="icon-default">
    <path d="M4 5a2 2 0 0 1 2-2h14v16H6a2 2 0 0 0-2 2V5z"/><path d="M4 19a2 2 0 0 1 2-2h14M9 7h7"/>
  </xsl:template>
</xsl:stylesheet>
