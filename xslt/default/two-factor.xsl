<?xml version="1.0" encoding="UTF-8"?>
<!-- The second factor: two-factor, two-factor-setup, recovery-codes. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="two-factor | two-factor-setup | recovery-codes" mode="title">
    <xsl:value-of select="p:t(concat(local-name(), '.title'))"/>
  </xsl:template>

  <xsl:template match="two-factor">
    <section class="panel narrow">
      <h1><xsl:value-of select="p:t('two-factor.title')"/></h1>
      <p class="status-{@enabled}">
        <xsl:value-of select="p:t(concat('two-factor.enabled-', @enabled))"/>
      </p>
      <p><xsl:value-of select="p:t('two-factor.intro')"/></p>
      <xsl:if test="@enabled = 'yes'">
        <p><xsl:value-of select="p:t('two-factor.replace-intro')"/></p>
      </xsl:if>
      <xsl:apply-templates select="form"/>
    </section>
  </xsl:template>

  <xsl:template match="two-factor-setup">
    <section class="panel narrow">
      <h1><xsl:value-of select="p:t('two-factor-setup.title')"/></h1>
      <xsl:if test="@required = 'yes'">
        <p class="notice"><xsl:value-of select="p:t('two-factor-setup.required')"/></p>
      </xsl:if>
      <p><xsl:value-of select="p:t('two-factor-setup.intro')"/></p>
      <xsl:if test="@replacing = 'yes'">
        <p class="notice"><xsl:value-of select="p:t('two-factor-setup.replacing')"/></p>
      </xsl:if>
      <xsl:apply-templates select="qr"/>
      <p class="secret" dir="ltr"><code id="totp-secret"><xsl:value-of select="secret"/></code></p>
      <p class="uri" dir="ltr"><a href="{uri}"><xsl:value-of select="p:t('two-factor-setup.open-app')"/></a></p>
      <xsl:apply-templates select="form"/>
    </section>
  </xsl:template>

  <!-- A QR code's modules (qr.c: one row of 0 and 1 per line) as an
       inline SVG: a light square with a quiet zone of four modules and
       one dark rectangle per run of dark modules in a row. -->
  <xsl:template match="qr">
    <xsl:variable name="side" select="@size + 8"/>
    <p class="qr">
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {$side} {$side}"
          width="{$side * 6}" height="{$side * 6}" role="img"
          aria-label="{p:t('two-factor-setup.qr')}" shape-rendering="crispEdges">
        <rect width="{$side}" height="{$side}" fill="#ffffff"/>
        <g fill="#000000">
          <xsl:for-each select="row">
            <xsl:call-template name="qr-runs">
              <xsl:with-param name="bits" select="string(.)"/>
              <xsl:with-param name="x" select="4"/>
              <xsl:with-param name="y" select="position() + 3"/>
            </xsl:call-template>
          </xsl:for-each>
        </g>
      </svg>
    </p>
  </xsl:template>

  <!-- The dark runs of bits, the first at column x of row y. -->
  <xsl:template name="qr-runs">
    <xsl:param name="bits"/>
    <xsl:param name="x"/>
    <xsl:param name="y"/>
    <xsl:if test="contains($bits, '1')">
      <xsl:variable name="skip" select="string-length(substring-before($bits, '1'))"/>
      <xsl:variable name="dark" select="substring($bits, $skip + 1)"/>
      <xsl:variable name="len">
        <xsl:choose>
          <xsl:when test="contains($dark, '0')">
            <xsl:value-of select="string-length(substring-before($dark, '0'))"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="string-length($dark)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <rect xmlns="http://www.w3.org/2000/svg" x="{$x + $skip}" y="{$y}" width="{$len}" height="1"/>
      <xsl:call-template name="qr-runs">
        <xsl:with-param name="bits" select="substring($dark, $len + 1)"/>
        <xsl:with-param name="x" select="$x + $skip + $len"/>
        <xsl:with-param name="y" select="$y"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="recovery-codes">
    <section class="panel narrow">
      <h1><xsl:value-of select="p:t('recovery-codes.title')"/></h1>
      <p><xsl:value-of select="p:t('recovery-codes.intro')"/></p>
      <ol class="codes" dir="ltr">
        <xsl:for-each select="codes/code"><li><code><xsl:value-of select="."/></code></li></xsl:for-each>
      </ol>
      <p>
        <a href="{@continue}">
          <xsl:choose>
            <xsl:when test="@continue = '/staff'"><xsl:value-of select="p:t('recovery-codes.done-staff')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="p:t('recovery-codes.done')"/></xsl:otherwise>
          </xsl:choose>
        </a>
      </p>
    </section>
  </xsl:template>
</xsl:stylesheet>
