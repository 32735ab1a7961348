#!/bin/sh
# Writes src/common-passwords.txt, the list password.c refuses, from
# Debian packages (apt-get install libdata-password-zxcvbn-perl john-data):
#
#  - zxcvbn's ranked list of the 30,000 most common passwords (Dropbox,
#    MIT licence; packaged as Data::Password::zxcvbn, Artistic or GPL),
#    drawn from Mark Burnett's ten million passwords (public domain);
#  - John the Ripper's password.lst (Openwall, public domain);
#  - a few that both lack (the years after the lists were made, and
#    what the portal's first, hand-made list had).
#
# Only passwords the policy would otherwise take are kept (10 characters
# or more), lower-cased, most common first, each once.
set -eu
out=${1:-src/common-passwords.txt}
{
	cat <<'HEAD'
# The most common passwords of 10 or more characters (password.c refuses
# them, ignoring ASCII case).  Made by build-aux/common-passwords.sh from
# zxcvbn's list of the 30,000 most common passwords (MIT licence), drawn
# from Mark Burnett's ten million passwords (public domain), and John the
# Ripper's password.lst (public domain).  One password a line; lines
# beginning with '#' are comments.
HEAD
	{
		perl -MData::Password::zxcvbn::RankedDictionaries::Common -e '
		    my $d = $Data::Password::zxcvbn::RankedDictionaries::Common::ranked_dictionaries{passwords};
		    print "$_\n" for sort { $d->{$a} <=> $d->{$b} } keys %$d'
		grep -v '^#!comment' /usr/share/john/password.lst
		for y in 2020 2021 2022 2023 2024 2025 2026 2027 2028; do
			printf 'password%s\nwelcome%s\nsummer%s\nwinter%s\n' \
			    $y $y $y $y
		done
		printf '%s\n' changeme123 letmein123 trustno1trustno1 \
		    passw0rd123 'asdfghjkl;' dragon12345 login12345 \
		    monkey12345 zaq12wsxcde zxcvbnmasd 2020202020
	} | tr 'A-Z' 'a-z' | awk 'length($0) >= 10 && $0 !~ /^#/ && !seen[$0]++'
} >"$out"
