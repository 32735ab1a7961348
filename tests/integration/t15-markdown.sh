#!/usr/bin/env bash
# Markdown bodies through the whole stack: rendered by the theme, and a
# hostile body renders inert.
. "$(dirname "$0")/../lib.sh"

http GET /p/contact
check "Markdown: a list" bash -c "grep -q '<ul><li><strong>Support:</strong>' '$T/body'"
check "Markdown: a heading below the page title" body_has '<h2>Our offices</h2>'
check "Markdown: an autolink" body_has '<a href="mailto:billing@northwind.example">'
check "Markdown: a link" body_has '<a href="https://status.northwind.example/">status page</a>'

db -e "DELETE FROM pages WHERE slug = 'md-hostile'"
db -e "INSERT INTO pages (slug, lang, title, body) VALUES ('md-hostile', 'en',
	'Hostile <b>title</b>', CONCAT(
	'<script>alert(1)</script>\n\n',
	'Text <img src=x onerror=alert(2)> and <a href=\"javascript:alert(3)\">raw link</a>.\n\n',
	'[md link](javascript:alert(4)) [data](data:text/html;base64,PHNjcmlwdD4=)\n\n',
	'<iframe src=\"https://evil.example/\"></iframe>\n\n',
	'<style>body{display:none}</style>\n\n',
	'\`<script>\` in code is text.'))"
http GET /p/md-hostile
check "a hostile body: 200" status_is 200
check "no script element from the body (only the theme's own)" bash -c "! grep -o '<script[^>]*>' '$T/body' | grep -vq 'src=\"/static/default/suggest.js\"'"
check "no event handler attribute" bash -c "! grep -qi 'onerror' '$T/body'"
check "no javascript: or data: address" bash -c "! grep -qiE 'javascript:|data:text' '$T/body'"
check "no iframe or style element" bash -c "! grep -qiE '<iframe|<style' '$T/body'"
check "the title's markup is text" body_has 'Hostile &lt;b&gt;title&lt;/b&gt;'
check "code shows markup as text" body_has '<code>&lt;script&gt;</code>'
check "the words survive" bash -c "grep -q 'md link' '$T/body' && grep -q 'raw link' '$T/body'"
db -e "DELETE FROM pages WHERE slug = 'md-hostile'"
done_testing
