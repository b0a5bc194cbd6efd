#!/usr/bin/env bash
# Machine and Python set-up for this bench; idempotent and quick when nothing changed.
#  1. Debian packages the bench needs (MariaDB, Redis, client headers, wkhtmltopdf, Chromium for the
#     browser tests), installed only if missing.
#  2. Python 3.12 (the engine needs 3.12 syntax): from PATH or pyenv, found at run time.
#  3. The virtualenv env/ with the pinned requirements and the app installed editable, redone only
#     when requirements.txt or the app's pyproject.toml change.
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(mariadb-server mariadb-client redis-server default-libmysqlclient-dev pkg-config)
# print formats as PDF (patches/pdf.py) with a Chinese font
DEB_PACKAGES+=(wkhtmltopdf fonts-wqy-microhei)
# the browser tests (tests/browser, run by `make test`) drive Debian's Chromium; CJK fonts for the Desk in Chinese
DEB_PACKAGES+=(chromium fonts-noto-cjk)

missing=()
for p in "${DEB_PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "Installing Debian packages: ${missing[*]}"
	SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

find_python312() {
	for c in python3.12 "$(command -v pyenv >/dev/null && echo "$(pyenv root)")/versions/3.12"*/bin/python3.12 \
		"$HOME"/.pyenv/versions/3.12*/bin/python3.12 /root/.pyenv/versions/3.12*/bin/python3.12; do
		if [ -x "$(command -v "$c" 2>/dev/null || echo "$c")" ] && "$c" -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null; then
			command -v "$c" 2>/dev/null || echo "$c"; return 0
		fi
	done
	return 1
}

stamp_src=$(cat requirements.txt apps/huifang/pyproject.toml | sha256sum | cut -c1-16)
if [ ! -x env/bin/python ] || [ "$(cat env/.stamp 2>/dev/null)" != "$stamp_src" ]; then
	PY=$(find_python312) || { echo "Python 3.12 not found (PATH or pyenv)"; exit 1; }
	echo "Creating env/ with $PY"
	[ -x env/bin/python ] || "$PY" -m venv env
	env/bin/pip install -q --disable-pip-version-check -r requirements.txt
	env/bin/pip install -q --disable-pip-version-check --no-deps -e apps/huifang
	echo "$stamp_src" > env/.stamp
fi
mkdir -p logs .bench sites/assets
