import { extensionSelf, listenForPorts } from '../platform/index.ts';
import { ModelHostError, ModelNotFoundError } from '../protocol/errors.ts';
import { newMessageId } from '../protocol/envelope.ts';
import { streamRoutes } from '../protocol/messages.ts';
import type { GenerateEvent, GenerateRequestPayload, GenerateResult } from '../protocol/schemas.ts';
import { classifySender } from '../protocol/senders.ts';
import { openStream, serveStream, type PortLike } from '../protocol/stream.ts';
import { resolveModel } from '../../models/registry.ts';
import { callModelHost } from './model-host.ts';

const HOST_PORT_PREFIX = 'host.generate:';
const awaitingHost = new Map<string, (port: PortLike) => void>();

/**
 * The model host connects back to us for each stream (it never listens for ports itself): a port opened by a surface
 * reaches every extension frame that listens, and one held by the host would outlive a service-worker restart.
 */
async function portFromHost(): Promise<PortLike> {
  const streamId = newMessageId();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connected = new Promise<PortLike>((resolve, reject) => {
    awaitingHost.set(streamId, resolve);
    timer = setTimeout(() => {
      if (awaitingHost.delete(streamId)) reject(new ModelHostError('the model host did not connect back'));
    }, 30_000);
  });
  try {
    await callModelHost('host.stream.open', { streamId });
  } catch (error) {
    // Nobody will connect back: forget the stream (else its timer rejects a promise nobody awaits).
    awaitingHost.delete(streamId);
    clearTimeout(timer);
    throw error;
  }
  return connected.finally(() => clearTimeout(timer));
}

/** Relays one generation to the model host; a surface that disconnects aborts it there too. */
export async function relayGeneration(request: GenerateRequestPayload, emit: (event: GenerateEvent) => void,
  signal: AbortSignal): Promise<GenerateResult> {
  const entry = await resolveModel(request.model);
  if (!entry) throw new ModelNotFoundError(`no model "${request.model}" in the catalogue`);
  if (entry.unavailableReason) throw new ModelNotFoundError(`"${entry.name}" cannot run here: ${entry.unavailableReason}`);
  return openStream(await portFromHost(), streamRoutes['host.generate'], request, emit, signal);
}

/** Generation streams from our extension pages (popup, side panel); content scripts cannot start one. */
export function listenForGenerationPorts(): void {
  listenForPorts((name, port, sender) => {
    const isHost = name.startsWith(HOST_PORT_PREFIX);
    // The background is the only context that takes ports: one of a name we do not serve is closed, not left open.
    if (name !== 'generate' && !isHost) {
      port.disconnect();
      return;
    }
    try {
      if (classifySender(sender, extensionSelf()).tier !== 'extension') throw new Error('untrusted');
    } catch {
      port.disconnect();
      return;
    }
    if (!isHost) return serveStream(port, streamRoutes.generate, relayGeneration);
    const waiting = awaitingHost.get(name.slice(HOST_PORT_PREFIX.length));
    awaitingHost.delete(name.slice(HOST_PORT_PREFIX.length));
    if (waiting) waiting(port);
    else port.disconnect();
  });
}
