<?xml version="1.0" encoding="UTF-8"?>
<!--
  The mail of an idea's status change, to its voters and followers
  (idea.c renders it once per language and queues it for each):
  <mail kind="ideas-status" lang=".." dir="..">
    <site name=".." url=".."/> <to name="" email=""/>
    <link>https://…/ideas/ID-SLUG</link>
    <detail name="title">..</detail> <detail name="status">planned</detail>
    <detail name="comment">the staff's public comment, or empty</detail>
    <unsubscribe>https://…/ideas/unsubscribe?token=…</unsubscribe>
  </mail>
  (the unsubscribe link's token is a placeholder idea.c replaces with
  each recipient's signed one)
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="/mail[@kind = 'ideas-status']" priority="2">
    <xsl:variable name="title" select="detail[@name = 'title']"/>
    <xsl:variable name="status" select="p:t(concat('ideas-status.', detail[@name = 'status']))"/>
    <xsl:value-of select="p:t('mail.ideas-status.subject', $title, $status)"/>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:value-of select="p:t('mail.greeting-plain')"/>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:value-of select="p:t('mail.ideas-status.body', $title, $status)"/>
    <xsl:if test="string(detail[@name = 'comment']) != ''">
      <xsl:text>&#10;&#10;</xsl:text>
      <xsl:value-of select="p:t('mail.ideas-status.comment')"/>
      <xsl:text>&#10;</xsl:text>
      <xsl:value-of select="detail[@name = 'comment']"/>
    </xsl:if>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:value-of select="link"/>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:value-of select="p:t('mail.ideas-status.after')"/>
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
