import { useEffect, useRef, useState } from 'react'
import type { UnitPlace } from '@cloud/contract/model'
import { useRemote } from '../../hooks/useRemote'
import { savePlace, unitPlaces } from '../../services/places'
import { toastError } from '../../utils/feedback'
import { currentPosition } from '../../utils/location'
import { INITIAL_CHOICE, sitingOf, withPlaces, type PlaceChoice, type Siting } from './placeChoice'

export interface PlaceChoiceState {
  /** The unit's saved places; null until read (or when they could not be read). */
  places: UnitPlace[] | null
  /** Why the places could not be read, if they could not. */
  problem: string | null
  choice: PlaceChoice
  change: (patch: Partial<PlaceChoice>) => void
  locating: boolean
  locate: () => Promise<void>
  /** The siting to send, checked at once (before anything is asked or sent); null after telling the organizer what is missing. */
  sitingFor: (publish: boolean) => Siting | null
  /** Save the position as one of the unit's places when the organizer asked to; the siting to send then. */
  keepPlace: (siting: Siting) => Promise<Siting>
}

/** The place choice of one unit's activity: its saved places read once, the first of them chosen until the organizer chooses. */
export function usePlaceChoice(unitId: string | null, enabled = true): PlaceChoiceState {
  const remote = useRemote(() => unitPlaces(unitId ?? undefined), enabled && !!unitId, unitId ?? '')
  const places = remote.data?.places ?? null
  const [choice, setChoice] = useState<PlaceChoice>(INITIAL_CHOICE)
  const [locating, setLocating] = useState(false)
  // Once the organizer picks a mode, a late or repeated read of the places does not move it.
  const chosen = useRef(false)

  useEffect(() => {
    if (!places) return
    // Untouched: the default for these places. Chosen: keep the choice, but never a place of another unit.
    setChoice((c) => (!chosen.current ? withPlaces(c, places) : places.some((p) => p.id === c.savedId) ? c : { ...c, savedId: places[0]?.id ?? null }))
  }, [places])

  function change(patch: Partial<PlaceChoice>) {
    if (patch.mode) chosen.current = true
    setChoice((c) => ({ ...c, ...patch }))
  }

  async function locate() {
    setLocating(true)
    try {
      change({ here: await currentPosition() })
    } catch {
      toastError(new Error('无法获取位置：请允许定位后重试，或改选常用地点、不校验位置'))
    } finally {
      setLocating(false)
    }
  }

  function sitingFor(publish: boolean): Siting | null {
    const r = sitingOf(choice, places ?? [], publish)
    if (r.ok) return r.siting
    toastError(new Error(r.problem))
    return null
  }

  async function keepPlace({ keepAs, ...siting }: Siting): Promise<Siting> {
    if (!keepAs || !siting.place || !unitId) return siting
    await savePlace({ unitId, name: keepAs, lat: siting.place.lat, lng: siting.place.lng, radiusM: siting.place.radiusM })
    // Saved once: a retry after a refused publish does not save it twice.
    setChoice((c) => ({ ...c, keep: false }))
    return { ...siting, placeName: keepAs }
  }

  return { places, problem: remote.error?.message ?? null, choice, change, locating, locate, sitingFor, keepPlace }
}
