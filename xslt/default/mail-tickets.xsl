<?xml version="1.0" encoding="UTF-8"?>
<!--
  Mail about a ticket, as plain text in the recipient's language (the
  first line is the subject, then a blank line, then the body), from
  notices.c:
  <mail kind="ticket-reply" lang="fi" dir="ltr" [staff="yes"]>
    <site name=".." url=".."/> <to name=".." email=".."/>
    <ticket ref="T-…" subject=".." status="open" priority="normal"
            department=".." url="…/tickets/T-…" due="ti 1.12. klo 10.30"
            within-hours="8" merged-into="T-…"/>
    <message author=".." author-kind="staff">text as written</message>
    <customer>name</customer>            (staff mail)
    <auto-close days="2"/>               (ticket-auto-close-warning)
  </mail>
  Kinds to customers: ticket-created, ticket-reply, ticket-status,
  ticket-due, ticket-auto-close-warning, ticket-auto-closed,
  ticket-merged; to staff: ticket-new-staff, ticket-customer-reply,
  ticket-escalated.  The subject always begins "[T-…] ": mail-in finds
  the ticket by it when a client drops the threading headers.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="/mail[ticket]" priority="2">
    <xsl:text>[</xsl:text>
    <xsl:value-of select="ticket/@ref"/>
    <xsl:text>] </xsl:text>
    <xsl:value-of select="p:t(concat('mail.', @kind, '.subject'), ticket/@subject)"/>
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
    <xsl:apply-templates select="ticket" mode="mail-ticket">
      <xsl:with-param name="kind" select="@kind"/>
    </xsl:apply-templates>
    <xsl:if test="message">
      <xsl:text>&#10;&#10;</xsl:text>
      <xsl:value-of select="message"/>
    </xsl:if>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:choose>
      <xsl:when test="@staff = 'yes'">
        <xsl:value-of select="p:t('mail.ticket-staff.after')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="p:t('mail.ticket.after')"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>&#10;</xsl:text>
    <xsl:value-of select="ticket/@url"/>
    <xsl:text>&#10;&#10;-- &#10;</xsl:text>
    <xsl:value-of select="site/@name"/>
    <xsl:text>&#10;</xsl:text>
    <xsl:value-of select="site/@url"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- The paragraph that says what happened, per kind. -->
  <xsl:template match="ticket" mode="mail-ticket">
    <xsl:param name="kind"/>
    <xsl:choose>
      <xsl:when test="$kind = 'ticket-created'">
        <xsl:value-of select="p:t('mail.ticket-created.body', @ref)"/>
        <xsl:if test="@due != ''">
          <xsl:text>&#10;&#10;</xsl:text>
          <xsl:choose>
            <xsl:when test="@within-hours">
              <xsl:value-of select="p:tn('mail.ticket-created.due', @within-hours, @due)"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="p:t('mail.ticket-due.body', @ref, @due)"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:if>
      </xsl:when>
      <xsl:when test="$kind = 'ticket-reply'">
        <xsl:value-of select="p:t('mail.ticket-reply.body', ../message/@author, @ref)"/>
      </xsl:when>
      <xsl:when test="$kind = 'ticket-status'">
        <xsl:value-of select="p:t('mail.ticket-status.body', @ref, p:t(concat('mail.ticket-status.', @status)))"/>
      </xsl:when>
      <xsl:when test="$kind = 'ticket-due'">
        <xsl:value-of select="p:t('mail.ticket-due.body', @ref, @due)"/>
      </xsl:when>
      <xsl:when test="$kind = 'ticket-auto-close-warning'">
        <xsl:value-of select="p:tn('mail.ticket-auto-close-warning.body', ../auto-close/@days, @ref)"/>
      </xsl:when>
      <xsl:when test="$kind = 'ticket-auto-closed'">
        <xsl:value-of select="p:t('mail.ticket-auto-closed.body', @ref)"/>
      </xsl:when>
      <xsl:when test="$kind = 'ticket-merged'">
        <xsl:value-of select="p:t('mail.ticket-merged.body', @ref, @merged-into)"/>
      </xsl:when>
      <xsl:when test="$kind = 'ticket-new-staff'">
        <xsl:value-of select="p:t('mail.ticket-new-staff.body', ../customer, @department)"/>
      </xsl:when>
      <xsl:when test="$kind = 'ticket-customer-reply'">
        <xsl:value-of select="p:t('mail.ticket-customer-reply.body', ../customer, @ref)"/>
      </xsl:when>
      <xsl:when test="$kind = 'ticket-escalated'">
        <xsl:value-of select="p:t('mail.ticket-escalated.body', @ref, p:t(concat('mail.ticket-priority.', @priority)))"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
