# TAP for the shell checks of make check (sourced by lint.sh and
# deps.sh): check "what" OUTPUT is one line, ok when OUTPUT is empty,
# else not ok with OUTPUT below it; $fail is 1 once any check failed.
n=0
fail=0
check() {
	n=$((n + 1))
	if [ -z "$2" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		echo "$2" | sed 's/^/# /'
		fail=1
	fi
}
