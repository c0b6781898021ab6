import 'leaflet/dist/leaflet.css';
import type { LatLngExpression } from 'leaflet';
import { useEffect } from 'react';
import { CircleMarker, MapContainer, Polyline, TileLayer, Tooltip, useMap } from 'react-leaflet';

/**
 * Tiles come from `VITE_MAP_TILE_URL` at build time (OpenStreetMap by default; `off` for none). Markers are
 * vector circles, not images, so they show even when no tile server answers (offline, a locked-down site).
 */
const tileUrl = import.meta.env.VITE_MAP_TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

export type MapMarker = {
  id: string;
  lat: number;
  lng: number;
  label: string;
  color?: string;
  /** Drawn as a ring (accounts), so a filled dot on the same spot (a visit) stays visible. */
  ring?: boolean;
  /** A dashed outline: a place that is only suggested (an account the day could take in), not planned. */
  dashed?: boolean;
  onClick?: () => void;
};

export function MapView({
  markers,
  height = 240,
  zoom,
  path,
}: {
  markers: MapMarker[];
  height?: number;
  zoom?: number;
  /** A line through these points, in order: a planned route. */
  path?: { lat: number; lng: number }[];
}) {
  const center: LatLngExpression = markers.length
    ? [
        markers.reduce((sum, marker) => sum + marker.lat, 0) / markers.length,
        markers.reduce((sum, marker) => sum + marker.lng, 0) / markers.length,
      ]
    : [48.8566, 2.3522];
  const bounds =
    markers.length > 1
      ? ([
          [Math.min(...markers.map((marker) => marker.lat)), Math.min(...markers.map((marker) => marker.lng))],
          [Math.max(...markers.map((marker) => marker.lat)), Math.max(...markers.map((marker) => marker.lng))],
        ] as [[number, number], [number, number]])
      : undefined;
  return (
    <section
      style={{ height, borderRadius: 8, overflow: 'hidden', background: 'var(--mantine-color-gray-1)' }}
      aria-label="Map"
    >
      <MapContainer center={center} zoom={zoom ?? 11} style={{ height: '100%', width: '100%' }} scrollWheelZoom={false}>
        <FitBounds bounds={bounds} />
        {tileUrl !== 'off' && <TileLayer url={tileUrl} attribution="&copy; OpenStreetMap contributors" />}
        {path && path.length > 1 && (
          <Polyline
            positions={path.map((point) => [point.lat, point.lng] as [number, number])}
            pathOptions={{ color: '#4263eb', weight: 3, opacity: 0.7, dashArray: '6 6' }}
          />
        )}
        {markers.map((marker) => (
          <CircleMarker
            key={marker.id}
            center={[marker.lat, marker.lng]}
            radius={marker.ring ? 10 : 6}
            pathOptions={{
              ...(marker.ring
                ? { color: marker.color ?? '#4263eb', weight: 3, fillColor: '#fff', fillOpacity: 0.9 }
                : { color: '#fff', weight: 1.5, fillColor: marker.color ?? '#4263eb', fillOpacity: 1 }),
              ...(marker.dashed ? { dashArray: '4 3' } : {}),
            }}
            eventHandlers={marker.onClick ? { click: marker.onClick } : {}}
          >
            <Tooltip>{marker.label}</Tooltip>
          </CircleMarker>
        ))}
      </MapContainer>
    </section>
  );
}

/** Frames every marker once the container has its size (fitting before layout picks a wrong zoom). */
function FitBounds({ bounds }: { bounds: [[number, number], [number, number]] | undefined }) {
  const map = useMap();
  const key = JSON.stringify(bounds);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refit only when the markers' extent changes
  useEffect(() => {
    map.invalidateSize();
    if (bounds) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });
  }, [map, key]);
  return null;
}
