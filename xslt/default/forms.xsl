<?xml version="1.0" encoding="UTF-8"?>
<!--
  Forms, drawn from the <form> vocabulary (xslt/README.md): one template
  for every form; override match="form[@id='signin']" and the like to
  change one.  Labels are field.NAME, errors form.error.WORD.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="form">
    <form class="form" method="post" action="{@action}" id="form-{@id}">
      <xsl:if test="@error">
        <p class="form-error" role="alert">
          <xsl:choose>
            <xsl:when test="../@wait"><xsl:value-of select="p:tn(concat('form.error.', @error), ../@wait)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="p:t(concat('form.error.', @error))"/></xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:if>
      <xsl:apply-templates select="hidden"/>
      <xsl:apply-templates select="field"/>
      <div class="actions">
        <button type="submit"><xsl:value-of select="p:t(@submit)"/></button>
        <xsl:for-each select="button">
          <button type="submit" formaction="{@action}" class="button-secondary button"><xsl:value-of select="p:t(@label)"/></button>
        </xsl:for-each>
      </div>
    </form>
  </xsl:template>

  <xsl:template match="hidden">
    <input type="hidden" name="{@name}" value="{@value}"/>
  </xsl:template>

  <xsl:template match="field">
    <xsl:variable name="id" select="concat('f-', ../@id, '-', @name)"/>
    <div class="field">
      <xsl:if test="@error">
        <xsl:attribute name="class">field has-error</xsl:attribute>
      </xsl:if>
      <label for="{$id}">
        <xsl:choose>
          <xsl:when test="@label"><xsl:value-of select="p:t(@label)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="p:t(concat('field.', @name))"/></xsl:otherwise>
        </xsl:choose>
      </label>
      <xsl:choose>
        <xsl:when test="@type = 'textarea'">
          <textarea id="{$id}" name="{@name}" rows="4">
            <xsl:call-template name="field-aria"/>
            <xsl:value-of select="@value"/>
          </textarea>
        </xsl:when>
        <xsl:when test="@type = 'select'">
          <select id="{$id}" name="{@name}">
            <xsl:call-template name="field-aria"/>
            <xsl:for-each select="option">
              <option value="{@value}">
                <xsl:if test="@value = ../@value">
                  <xsl:attribute name="selected">selected</xsl:attribute>
                </xsl:if>
                <xsl:choose>
                  <xsl:when test="../@name = 'role'"><xsl:value-of select="p:t(concat('role.', @value))"/></xsl:when>
                  <xsl:when test="../@name = 'portal_role'"><xsl:value-of select="p:t(concat('portal-role.', @value))"/></xsl:when>
                  <xsl:when test="../@name = 'kind'"><xsl:value-of select="p:t(concat('kind.', @value))"/></xsl:when>
                  <xsl:when test="../@name = 'change'"><xsl:value-of select="p:t(concat('change.', @value))"/></xsl:when>
                  <xsl:when test="../@name = 'status' and ../../@id = 'idea-status'"><xsl:value-of select="p:t(concat('ideas-status.', @value))"/></xsl:when>
                  <xsl:when test=". = ''"><xsl:value-of select="p:t('form.option-none')"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
                </xsl:choose>
              </option>
            </xsl:for-each>
          </select>
        </xsl:when>
        <xsl:otherwise>
          <input id="{$id}" name="{@name}" type="{@type}" value="{@value}">
            <xsl:call-template name="field-aria"/>
            <xsl:attribute name="autocomplete">
              <xsl:choose>
                <xsl:when test="@name = 'email' and ../@id = 'signin'">username</xsl:when>
                <xsl:when test="@name = 'email'">email</xsl:when>
                <xsl:when test="@name = 'password' and ../@id = 'signin'">current-password</xsl:when>
                <xsl:when test="@name = 'current_password'">current-password</xsl:when>
                <xsl:when test="@type = 'password'">new-password</xsl:when>
                <xsl:when test="@name = 'name'">name</xsl:when>
                <xsl:when test="@name = 'company'">organization</xsl:when>
                <xsl:when test="@name = 'phone'">tel</xsl:when>
                <xsl:when test="@name = 'code'">one-time-code</xsl:when>
                <xsl:otherwise>off</xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
          </input>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="@error">
        <p class="field-error" id="{$id}-error">
          <xsl:value-of select="p:t(concat('form.error.', @error))"/>
        </p>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template name="field-aria">
    <xsl:if test="@error">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
      <xsl:attribute name="aria-describedby">
        <xsl:value-of select="concat('f-', ../@id, '-', @name, '-error')"/>
      </xsl:attribute>
    </xsl:if>
  </xsl:template>

  <xsl:template match="notice">
    <p class="notice notice-{@kind}" role="status">
      <xsl:value-of select="p:t(concat('notice.', @key))"/>
    </p>
  </xsl:template>
</xsl:stylesheet>
