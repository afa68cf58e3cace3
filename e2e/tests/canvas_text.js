// The effective size of the canvas's text: each visible <text>'s font size times the scale of its
// screen transform, for the texts that are on screen inside the canvas's drawing area.
exports.canvasTextSizes = (page) =>
  page.getByTestId("canvas-area").evaluate((area) => {
    const box = area.getBoundingClientRect();
    const sizes = [];
    for (const el of area.querySelectorAll("svg text")) {
      if (!el.textContent.trim()) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const onScreen = r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom;
      if (!onScreen) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      const m = el.getScreenCTM();
      const scale = Math.hypot(m.a, m.b);
      sizes.push({ px: parseFloat(style.fontSize) * scale, text: el.textContent.trim().slice(0, 40) });
    }
    sizes.sort((a, b) => a.px - b.px);
    const px = sizes.map((s) => s.px);
    const at = (q) => (px.length ? px[Math.min(px.length - 1, Math.floor(q * px.length))] : 0);
    return {
      count: px.length,
      smallest: px[0] || 0,
      p10: at(0.1),
      median: at(0.5),
      smallestTexts: sizes.slice(0, 3).map((s) => `${s.text} (${s.px.toFixed(1)})`),
    };
  });

// The canvas's share of the viewport: its drawing area over the window's area.
exports.canvasShare = (page) =>
  page.getByTestId("canvas-area").evaluate((area) => {
    const r = area.getBoundingClientRect();
    return (r.width * r.height) / (window.innerWidth * window.innerHeight);
  });
