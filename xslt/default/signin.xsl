<?xml version="1.0" encoding="UTF-8"?>
<!-- Signing in, registering, a password reset and a mailed link's pages:
     signin, signin-2fa, register, message, confirm, reset, reset-confirm,
     invite. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="signin | register | reset | reset-confirm | invite | signin-2fa" mode="title">
    <xsl:value-of select="p:t(concat(local-name(), '.title'))"/>
  </xsl:template>
  <xsl:template match="message | confirm" mode="title">
    <xsl:value-of select="p:t(concat(local-name(), '.', @key, '.title'))"/>
  </xsl:template>

  <xsl:template match="signin">
    <section class="panel narrow">
      <h1><xsl:value-of select="p:t('signin.title')"/></h1>
      <xsl:apply-templates select="form"/>
      <p><a href="/reset"><xsl:value-of select="p:t('signin.forgot')"/></a></p>
      <xsl:if test="@can-register = 'yes'">
        <p><xsl:value-of select="p:t('signin.new')"/>
          <xsl:text> </xsl:text>
          <a href="/register"><xsl:value-of select="p:t('signin.register')"/></a></p>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="register">
    <section class="panel narrow">
      <h1><xsl:value-of select="p:t('register.title')"/></h1>
      <p><xsl:value-of select="p:t('register.intro')"/></p>
      <xsl:apply-templates select="form"/>
      <p><a href="/signin"><xsl:value-of select="p:t('register.have-account')"/></a></p>
    </section>
  </xsl:template>

  <xsl:template match="reset">
    <section class="panel narrow">
      <h1><xsl:value-of select="p:t('reset.title')"/></h1>
      <p><xsl:value-of select="p:t('reset.intro')"/></p>
      <xsl:apply-templates select="form"/>
    </section>
  </xsl:template>

  <xsl:template match="reset-confirm">
    <section class="panel narrow">
      <h1><xsl:value-of select="p:t('reset-confirm.title')"/></h1>
      <p><xsl:value-of select="p:t('reset-confirm.intro')"/></p>
      <xsl:apply-templates select="form"/>
    </section>
  </xsl:template>

  <xsl:template match="message">
    <section class="panel narrow" role="status">
      <h1><xsl:value-of select="p:t(concat('message.', @key, '.title'))"/></h1>
      <p><xsl:value-of select="p:t(concat('message.', @key, '.text'))"/></p>
    </section>
  </xsl:template>

  <xsl:template match="confirm">
    <section class="panel narrow">
      <h1><xsl:value-of select="p:t(concat('confirm.', @key, '.title'))"/></h1>
      <p><xsl:value-of select="p:t(concat('confirm.', @key, '.text'))"/></p>
      <xsl:apply-templates select="form"/>
    </section>
  </xsl:template>

  <xsl:template match="signin-2fa">
    <section class="panel narrow">
      <h1><xsl:value-of select="p:t('signin-2fa.title')"/></h1>
      <p><xsl:value-of select="p:t('signin-2fa.intro')"/></p>
      <xsl:apply-templates select="form"/>
    </section>
  </xsl:template>

  <xsl:template match="invite">
    <section class="panel narrow">
      <h1><xsl:value-of select="p:t('invite.title-accept')"/></h1>
      <p><xsl:value-of select="p:t('invite.intro')"/></p>
      <xsl:apply-templates select="form"/>
    </section>
  </xsl:template>
</xsl:stylesheet>
