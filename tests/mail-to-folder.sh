#!/bin/sh
# A sendmail stand-in for the quickstart and the tests: writes the message
# on stdin to a new file in DIR (atomically: a temporary name, then a
# rename).  Exits non-zero, like sendmail would, if it cannot.
#   mail-to-folder.sh DIR
dir=${1:?usage: mail-to-folder.sh DIR}
mkdir -p "$dir" || exit 75
tmp=$(mktemp "$dir/.incoming.XXXXXX") || exit 75
cat >"$tmp" || { rm -f "$tmp"; exit 75; }
mv "$tmp" "$dir/$(date +%s%N)-$$.eml"
