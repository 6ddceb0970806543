/** A progress bar on a terminal's stderr; silent when stderr is not a terminal (CI, pipes). */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  private readonly enabled = Boolean(process.stderr.isTTY);

  constructor(
    private readonly total: number,
    private readonly unit: string,
  ) {}

  update(current: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && current < this.total) return;
    this.lastDraw = now;
    const width = 30;
    const ratio = this.total > 0 ? Math.min(1, current / this.total) : 1;
    const filled = Math.round(ratio * width);
    const rate = current / Math.max(0.001, (now - this.started) / 1000);
    process.stderr.write(
      `\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ` +
        `${current.toLocaleString("en")}/${this.total.toLocaleString("en")} ${this.unit} ${Math.round(rate).toLocaleString("en")}/s `,
    );
  }

  /** Prints a message above the bar. */
  note(message: string): void {
    if (this.enabled) process.stderr.write(`\r\x1b[K${message}\n`);
    else process.stderr.write(`${message}\n`);
  }

  done(): void {
    if (this.enabled) process.stderr.write("\n");
  }
}
