#!/bin/sh
# Install what netnsim needs on Debian 12 (as root or through sudo) and build it.
# (iproute2, conntrack, iptables, nftables, iputils-ping and net-tools: for
# recording oracle cases on the real kernel; the kernel backend runs
# iptables-nft and conntrack too.)
set -eu
SUDO=''
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
  gcc meson ninja-build pkg-config libglib2.0-dev libreadline-dev python3 valgrind \
  libmnl-dev iproute2 \
  conntrack iptables nftables iputils-ping net-tools \
  clang libclang-rt-14-dev gcovr >/dev/null
[ -d build ] || meson setup build
ninja -C build
