# Sourced by tests/cluster/check.sh and tests/bench/cluster.sh: a free
# port for a cluster's front, with the nodes' ports above it free too.
cluster_free_port() {
	local p
	for _ in $(seq 1 200); do
		p=$((20000 + RANDOM % 30000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
		(exec 3<>"/dev/tcp/127.0.0.1/$((p + 11))") 2>/dev/null && continue
		echo "$p"; return
	done
}
