#!/bin/sh
# Installs the Debian packages the tests drive, only those that are missing.
set -eu
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
command -v soffice >/dev/null 2>&1 || need="$need libreoffice-calc-nogui"
command -v npm >/dev/null 2>&1 || need="$need npm"
command -v git >/dev/null 2>&1 || need="$need git"
fc-list 2>/dev/null | grep -qi garuda || need="$need fonts-thai-tlwg"
[ -z "$need" ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian packages:$need"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $need
