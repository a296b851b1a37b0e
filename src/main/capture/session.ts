// One capture at a time: the frozen displays while the overlays are up, then the cropped region
// until the composer that asked takes it (attachCapture, through the attachment pipeline, with
// that composer's model). The shell only opens and closes the overlay windows (CaptureHost).
import type {
  CaptureDisplay,
  CaptureEnded,
  CaptureImage,
  CaptureTarget
} from '../../shared/capture'
import type { EmitEvent } from '../../shared/contract'
import { AppError } from '../errors'
import { cropRegion, screenshotName, type DeviceRect } from './crop'
import { captureError, type FrozenDisplay } from './displays'

/** What differs between Electron, the test harness and the CLI. */
export interface CaptureHost {
  /**
   * Captures every display (node-screenshots in the app; a fixture in the harness). The shell
   * first hides the window of `target`, so the picture shows what is under it.
   */
  grab(target: CaptureTarget): Promise<FrozenDisplay[]>
  /** Opens one overlay per display for the window `target` (the Electron shell); elsewhere nothing. */
  show(displays: CaptureDisplay[], target: CaptureTarget): void
  /** Closes the overlays; the shell may bring the window that asked forward. */
  hide(ended: CaptureEnded): void
}

/** A region taken and not yet attached. */
interface Taken {
  name: string
  png: Buffer
}

export class CaptureSession {
  private displays: FrozenDisplay[] = []
  private target: CaptureTarget | null = null
  private taken: Taken | null = null

  constructor(
    private readonly host: CaptureHost,
    private readonly emit: EmitEvent,
    private readonly now: () => Date = () => new Date()
  ) {}

  /** Freezes every display and opens the overlays; a capture still open is ended first. */
  async start(target: CaptureTarget): Promise<CaptureDisplay[]> {
    if (this.target) this.end({ target: this.target, outcome: 'cancelled' })
    const displays = await this.host.grab(target)
    if (displays.length === 0) throw captureError('no_display', 'no display was found')
    this.displays = displays
    this.target = target
    const placed = displays.map(({ id, x, y, width, height, scaleFactor }) => ({
      id,
      x,
      y,
      width,
      height,
      scaleFactor
    }))
    this.host.show(placed, target)
    return placed
  }

  /** A display's frozen picture, for its overlay. */
  image(display: number): CaptureImage {
    const frozen = this.displays.find((d) => d.id === display)
    if (!frozen) throw noCapture()
    return {
      url: `data:image/png;base64,${frozen.png.toString('base64')}`,
      imageWidth: frozen.imageWidth,
      imageHeight: frozen.imageHeight
    }
  }

  /**
   * Ends the capture: crops `rect` (device px of that display's picture) and tells the composer
   * that asked; or cancels. A region with nothing in it is refused and the overlay stays.
   */
  async finish(args: { display: number; rect: DeviceRect } | { cancel: true }): Promise<void> {
    const target = this.target
    if (!target) throw noCapture()
    if ('cancel' in args) {
      this.end({ target, outcome: 'cancelled' })
      return
    }
    const frozen = this.displays.find((d) => d.id === args.display)
    if (!frozen) throw noCapture()
    const png = await cropRegion(frozen.png, args.rect)
    if (!png) throw new AppError('invalid_input', 'The region is empty.')
    const name = screenshotName(this.now())
    this.taken = { name, png }
    this.end({ target, outcome: 'taken', name })
  }

  /** The region taken last, once; null when there is none (already attached, or cancelled). */
  take(): Taken | null {
    const taken = this.taken
    this.taken = null
    return taken
  }

  private end(ended: CaptureEnded): void {
    this.displays = []
    this.target = null
    if (ended.outcome === 'cancelled') this.taken = null
    this.host.hide(ended)
    this.emit('captureEnded', ended)
  }
}

function noCapture(): AppError {
  return new AppError('not_found', 'No screen capture is in progress.')
}
