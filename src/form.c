/*
 * Forms in the page document and the checks on what they send back.
 *
 * A handler describes a form as data and the theme draws it (one generic
 * template, overridable per form id):
 *
 *   <form id="signin" action="/signin" submit="signin.submit">
 *     <field name="email" type="email" value="a@b.example" error="email"/>
 *     <hidden name="next" value="/account"/>
 *   </form>
 *
 * The label of a field is the catalog string field.NAME, its error
 * form.error.ERROR.  Every form carries the CSRF token.  A form may have
 * further submit buttons, <button action="..." label="..."/>, that send
 * the same fields elsewhere (form_button()).
 */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "portico.h"

xmlNodePtr
form_new(struct req *r, xmlNodePtr parent, const char *id,
    const char *action, const char *submit)
{
	xmlNodePtr	f = xml_elem(parent, "form");

	xml_attr(f, "id", id);
	xml_attr(f, "action", action);
	xml_attr(f, "submit", submit);
	form_hidden(f, "csrf", csrf_token(r));
	return f;
}

/* A visible field; value and error may be NULL.  Returns the node. */
xmlNodePtr
form_field(xmlNodePtr form, const char *name, const char *type,
    const char *value, const char *error)
{
	xmlNodePtr	f = xml_elem(form, "field");

	xml_attr(f, "name", name);
	xml_attr(f, "type", type);
	if (value != NULL && strcmp(type, "password"))
		xml_attr(f, "value", value);
	if (error != NULL) {
		xml_attr(f, "error", error);
		xml_attr(form, "has-errors", "yes");
	}
	return f;
}

/* An option of a select field. */
void
form_option(xmlNodePtr field, const char *value, const char *label)
{
	xmlNodePtr	o = xml_text(field, "option", label);

	xml_attr(o, "value", value);
}

void
form_hidden(xmlNodePtr form, const char *name, const char *value)
{
	xmlNodePtr	h = xml_elem(form, "hidden");

	xml_attr(h, "name", name);
	xml_attr(h, "value", value ? value : "");
}

/*
 * A further submit button of form that sends the same fields to action
 * (a path of this site, not user text) instead of the form's; label is
 * its catalog string.
 */
void
form_button(xmlNodePtr form, const char *action, const char *label)
{
	xmlNodePtr	b = xml_elem(form, "button");

	xml_attr(b, "action", action);
	xml_attr(b, "label", label);
}

/* A notice above the page's content: notice.KEY in the catalog. */
void
page_notice(struct req *r, const char *key, const char *kind)
{
	xmlNodePtr	n = xml_elem(xmlDocGetRootElement(r->doc), "notice");

	xml_attr(n, "key", key);
	xml_attr(n, "kind", kind);
}

/* Digits, spaces and + ( ) - . only, 0 to 40 bytes. */
bool
valid_phone(const char *s, size_t len)
{
	size_t	i;

	if (len > 40)
		return false;
	for (i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]) && !strchr(" +()-.", s[i]))
			return false;
	return true;
}

/* A name: 1 to max bytes, not only spaces, no control characters. */
bool
valid_text(const char *s, size_t len, size_t max)
{
	size_t	i;
	bool	seen = false;

	if (len == 0 || len > max)
		return false;
	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\r')
			return false;
		if (s[i] != ' ')
			seen = true;
	}
	return seen;
}

/* An IANA time zone name such as Europe/Helsinki, or UTC. */
bool
valid_time_zone(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len > 64 || s[0] == '/' || strstr(s, ".."))
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("/_-+", s[i]))
			return false;
	return true;
}
