#!/bin/sh
# Renders the lock product pictures (480x480 JPEG) from the SVG drawings beside this script.
# Needs rsvg-convert and ImageMagick: apt-get install -y librsvg2-bin imagemagick fonts-dejavu-core
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../product_images"
mkdir -p "$out"
for svg in "$here"/*.svg; do
  name=$(basename "$svg" .svg)
  rsvg-convert -w 480 -h 480 "$svg" | convert png:- -strip -sampling-factor 4:2:0 -quality 84 "$out/$name.jpg"
  echo "$out/$name.jpg $(wc -c < "$out/$name.jpg") bytes"
done
