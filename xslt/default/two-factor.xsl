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
      <p class="secret" dir="ltr"><code id="totp-secret"><xsl:value-of select="secret"/></code></p>
      <p class="uri" dir="ltr"><a href="{uri}"><xsl:value-of select="p:t('two-factor-setup.open-app')"/></a></p>
      <xsl:apply-templates select="form"/>
    </section>
  </xsl:template>

  <xsl:template match="recovery-codes">
    <section class="panel narrow">
      <h1><xsl:value-of select="p:t('recovery-codes.title')"/></h1>
      <p><xsl:value-of select="p:t('recovery-codes.intro')"/></p>
      <ol class="codes" dir="ltr">
        <xsl:for-each select="codes/code"><li><code><xsl:value-of select="."/></code></li></xsl:for-each>
      </ol>
      <p><a href="/account"><xsl:value-of select="p:t('recovery-codes.done')"/></a></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
