#!/usr/bin/env bash
# Odoo 19 without touching the machine's apt sources: either use ODOO_SRC, or
# download Debian sid's odoo-19 package with a private apt configuration that
# reuses the machine's own mirror URIs, and unpack it under .run/odoo19.
source "$(dirname "$0")/../lib.sh"

if [ -n "${ODOO_SRC:-}" ]; then
    [ -f "$ODOO_SRC/odoo/release.py" ] || { log "ODOO_SRC=$ODOO_SRC is not an Odoo source tree"; exit 1; }
    grep -q "version_info = (19" "$ODOO_SRC/odoo/release.py" || { log "ODOO_SRC is not Odoo 19"; exit 1; }
    log "using Odoo from ODOO_SRC=$ODOO_SRC"; exit 0
fi
# Debian's "+dfsg" repack drops MediaPipe's selfie segmentation script, which
# mail's backend bundle lists: without it every page logs an asset ERROR and
# the browser tours cannot start. Put back the upstream file from its npm
# tarball (checksum pinned); it is only used for video-call background blur.
restore_stripped_assets() {
    local dest="$ODOO_UNPACK/usr/lib/python3/dist-packages/odoo/addons/mail/static/lib/selfie_segmentation"
    [ -f "$dest/selfie_segmentation.js" ] && return
    local url="https://registry.npmjs.org/@mediapipe/selfie_segmentation/-/selfie_segmentation-0.1.1675465747.tgz"
    local sum="7767b33eaa68990ee06c28bbb89f39a13a47ebb07ff0f1fd4947d9e817bb9bf9"
    local tgz="$RUN_DIR/selfie_segmentation.tgz"
    curl -fsSL -o "$tgz" "$url"
    echo "$sum  $tgz" | sha256sum -c --quiet -
    mkdir -p "$dest"
    tar -xzf "$tgz" -C "$dest" --strip-components=1 package/selfie_segmentation.js
    chmod 644 "$dest/selfie_segmentation.js"
    rm -f "$tgz"
    log "restored mail/static/lib/selfie_segmentation/selfie_segmentation.js"
}

if [ -f "$ODOO_UNPACK/.complete" ]; then restore_stripped_assets; log "Odoo 19 already unpacked"; exit 0; fi

APT_PRIV="$RUN_DIR/apt-sid"
mkdir -p "$APT_PRIV/lists/partial" "$APT_PRIV/cache/archives/partial" "$APT_PRIV/deb"
# The machine's Debian URI (deb822 or one-line format); default to deb.debian.org.
uri=""
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1=="deb" && $0 !~ /security/ {for(i=2;i<=NF;i++) if ($i ~ /^(http|https|file):/) {print $i; exit}}' /etc/apt/sources.list)
fi
uri="${uri:-http://deb.debian.org/debian}"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
cat > "$APT_PRIV/sid.sources" <<SRC
Types: deb
URIs: $uri
Suites: sid
Components: main
Signed-By: $keyring
SRC
APT_OPTS=(-o "Dir::Etc::SourceList=$APT_PRIV/sid.sources" -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State::Lists=$APT_PRIV/lists" -o "Dir::Cache=$APT_PRIV/cache"
          -o "Dir::State::status=/dev/null" -o "APT::Architecture=amd64")
log "fetching odoo-19 from $uri (suite sid)"
apt-get "${APT_OPTS[@]}" update -qq
( cd "$APT_PRIV/deb" && rm -f odoo-19_*.deb && apt-get "${APT_OPTS[@]}" download odoo-19 )
deb=$(ls "$APT_PRIV"/deb/odoo-19_*.deb | head -1)
rm -rf "$ODOO_UNPACK"; mkdir -p "$ODOO_UNPACK"
dpkg -x "$deb" "$ODOO_UNPACK"
# The package symlinks some web assets and fonts into /usr/share; they resolve
# inside the unpack folder, so point those folders at the machine's /usr/share.
for d in javascript fonts fonts-font-awesome; do
    rm -rf "$ODOO_UNPACK/usr/share/$d"
    ln -s "/usr/share/$d" "$ODOO_UNPACK/usr/share/$d"
done
restore_stripped_assets
touch "$ODOO_UNPACK/.complete"
rm -rf "$APT_PRIV/cache/archives"/*.deb "$APT_PRIV/deb"/*.deb
log "Odoo 19 unpacked in $ODOO_UNPACK"
