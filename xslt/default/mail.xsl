<?xml version="1.0" encoding="UTF-8"?>
<!--
  Mail the portal sends, as plain text in the recipient's language:
  the first line is the subject, then a blank line, then the body.
  <mail kind="verify" lang="fa" dir="rtl">
    <site name=".." url=".."/> <to name=".." email=".."/>
    <link>https://…</link> <addr>client address</addr>
    <about>what it is about: {2}</about> <unsubscribe>https://…</unsubscribe>
  </mail>
  Kinds: verify, reset, password-changed, register-exists, invite,
  invite-exists, email-confirm, email-change-asked, email-exists,
  2fa-locked, ticket-unknown-sender; mail about a ticket (a <ticket>
  child) is mail-tickets.xsl's.
  2fa-locked; ideas-status (mail-ideas.xsl, with <detail> elements).
  2fa-locked, forum-reply, forum-topic.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:include href="mail-tickets.xsl"/>
  <xsl:include href="mail-ideas.xsl"/>

  <xsl:template match="/mail">
    <xsl:value-of select="p:t(concat('mail.', @kind, '.subject'), site/@name, string(about))"/>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:choose>
      <xsl:when test="string(to/@name) = ''">
        <xsl:value-of select="p:t('mail.greeting-plain')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="p:t('mail.greeting', to/@name)"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:value-of select="p:t(concat('mail.', @kind, '.body'), site/@name, string(about))"/>
    <xsl:if test="link">
      <xsl:text>&#10;&#10;</xsl:text>
      <xsl:value-of select="link"/>
    </xsl:if>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:value-of select="p:t(concat('mail.', @kind, '.after'))"/>
    <xsl:if test="unsubscribe">
      <xsl:text>&#10;&#10;</xsl:text>
      <xsl:value-of select="p:t('mail.unsubscribe')"/>
      <xsl:text>&#10;</xsl:text>
      <xsl:value-of select="unsubscribe"/>
    </xsl:if>
    <xsl:text>&#10;&#10;-- &#10;</xsl:text>
    <xsl:value-of select="site/@name"/>
    <xsl:text>&#10;</xsl:text>
    <xsl:value-of select="site/@url"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
</xsl:stylesheet>
