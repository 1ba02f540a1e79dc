import type { Status } from '../../model/types.js';
import { Columns } from '../columns.js';
import { CSAT_WORDS } from '../csat.js';
import type { Preset } from '../preset.js';
import { readers, ticketMapper, type Read } from '../ticket-mapper.js';
import { normalizeHeader } from '../values.js';

/**
 * Header names of Jira (Service Management) CSV exports in the UI languages seen (en, es, pt,
 * fr, de). Jira translates headers and month names to the exporting user's language; custom
 * fields are wrapped as `Custom field (Name)` / `Campo personalizado (Name)` / … and keep their
 * own (usually English) names.
 */
const NAMES = {
  key: ['Issue key', 'Clave de incidencia', 'Clave', 'Chave', 'Chave do item', 'Chave da item', 'Chave da issue', 'Chave do problema', 'Clé', 'Clé de ticket', 'Clé du ticket', 'Clé de la demande', 'Schlüssel', 'Vorgangsschlüssel'],
  issueId: ['Issue id', 'ID de la incidencia', 'ID do item', 'ID da item', 'ID da issue', 'ID du ticket', 'Vorgangs-ID'],
  created: ['Created', 'Creada', 'Creado', 'Criado', 'Criada', 'Création', 'Créé', 'Créée', 'Erstellt'],
  updated: ['Updated', 'Actualizada', 'Actualizado', 'Atualizado', 'Atualizada', 'Mise à jour', 'Mis à jour', 'Aktualisiert'],
  resolved: ['Resolved', 'Resuelta', 'Resuelto', 'Resolvido', 'Resolvida', 'Résolu', 'Résolue', 'Date de résolution', 'Gelöst', 'Erledigt'],
  status: ['Status', 'Estado', 'État', 'Statut'],
  statusCategory: ['Status Category', 'Categoría de estado', 'Categoria do status', 'Categoria de status', 'Catégorie d\'état', 'Catégorie de statut', 'Statuskategorie'],
  priority: ['Priority', 'Prioridad', 'Prioridade', 'Priorité', 'Priorität'],
  assignee: ['Assignee', 'Persona asignada', 'Responsable', 'Responsável', 'Personne assignée', 'Bearbeiter', 'Zugewiesene Person'],
  issueType: ['Issue Type', 'Tipo de Incidencia', 'Tipo de item', 'Tipo de issue', 'Tipo de problema', 'Type de ticket', 'Type de demande', 'Vorgangstyp'],
  labels: ['Labels', 'Etiquetas', 'Rótulos', 'Étiquettes', 'Stichwörter'],
  team: ['Team', 'Equipo', 'Equipe', 'Équipe'],
  satisfaction: ['Satisfaction rating', 'Satisfaction', 'Calificación de satisfacción', 'Satisfacción', 'Avaliação de satisfação', 'Satisfação', 'Note de satisfaction', 'Zufriedenheitsbewertung', 'Zufriedenheit'],
  satisfactionDate: ['Satisfaction date', 'Fecha de satisfacción', 'Data de satisfação'],
  requestType: ['Request Type', 'Customer Request Type', 'Tipo de solicitud', 'Tipo de solicitação', 'Type de demande client', 'Anfragetyp'],
  firstResponseAt: ['[CHART] Date of First Response', 'Date of First Response'],
  firstResponse: ['Time to first response', 'Tiempo hasta la primera respuesta', 'Tempo até a primeira resposta', 'Délai de première réponse', 'Zeit bis zur ersten Antwort'],
  // Only JSM's standard resolution SLA: a project's own SLAs (`Time to done`, …) measure other
  // things by other clocks, and are not read as it.
  resolution: ['Time to resolution', 'Tiempo de resolución', 'Tempo até a resolução', 'Délai de résolution', 'Zeit bis zur Lösung'],
};

const CUSTOM = /^(?:custom field|campo personalizado|champ personnalisé|benutzerdefiniertes feld|campo personalizzato)\s*\((.+)\)\s*$/i;

/** `Campo personalizado (Time to first response)` → `Time to first response`. */
function unwrap(header: string): string {
  const m = CUSTOM.exec(header.trim());
  return m === null ? header : m[1];
}

const DONE = new Set(['done', 'listo', 'hecho', 'concluído', 'concluido', 'itens concluídos', 'terminé', 'fini', 'fertig', 'erledigt'].map((s) => s.toLowerCase()));
const STATUS_WORDS: Record<string, Status> = {
  done: 'solved', completed: 'solved', completado: 'solved', resuelta: 'solved', resuelto: 'solved', resolvido: 'solved', concluído: 'solved',
  résolu: 'solved', terminé: 'solved', erledigt: 'solved', gelöst: 'solved', fertig: 'solved',
  cerrada: 'closed', cerrado: 'closed', fechado: 'closed', fermé: 'closed', geschlossen: 'closed', cancelado: 'closed', canceled: 'closed', cancelled: 'closed',
  'to do': 'new', 'por hacer': 'new', 'tareas por hacer': 'new', 'a fazer': 'new', 'à faire': 'new', 'zu erledigen': 'new',
  'in progress': 'open', 'en curso': 'open', 'en progreso': 'open', 'em andamento': 'open', 'en cours': 'open', 'in arbeit': 'open',
  'waiting for support': 'open', 'waiting for customer': 'pending', 'esperando por el cliente': 'pending', 'aguardando cliente': 'pending',
  'en attente du client': 'pending', 'warten auf kunden': 'pending', 'pending': 'pending', 'pendiente': 'pending', 'pendente': 'pending',
};

/**
 * Jira Service Management "Export CSV (all fields)", in any of en/es/pt/fr/de. Dates are
 * `dd/MMM/yy h:mm a` with localised months; repeated headers (`Labels` once per label) are read
 * by position; SLA fields hold the *remaining* time as signed `H:MM` — negative means breached,
 * positive on a finished issue means met, positive on an open issue is still running (unknown).
 * `Satisfaction rating` (1–5) becomes a survey response linked to the issue.
 */
export const jiraPreset: Preset = {
  name: 'jira',
  kinds: ['tickets'],
  title: 'Jira Service Management issue CSV export (localised headers)',
  confidence(header) {
    const c = new Set(header.map((h) => normalizeHeader(unwrap(h))));
    const has = (names: string[]) => names.some((n) => c.has(normalizeHeader(n)));
    const hits = [NAMES.key, NAMES.issueId, NAMES.created, NAMES.updated, NAMES.statusCategory, NAMES.issueType, NAMES.assignee, NAMES.firstResponse].filter(has).length;
    return 0.5 + hits / 16;
  },
  detect(header) {
    const c = new Set(header.map((h) => normalizeHeader(unwrap(h))));
    const has = (names: string[]) => names.some((n) => c.has(normalizeHeader(n)));
    return has(NAMES.key) && has(NAMES.created) && (has(NAMES.issueType) || has(NAMES.issueId) || has(NAMES.statusCategory)) ? 'tickets' : null;
  },
  compile(header, _kind, ctx) {
    const c = new Columns(header.map(unwrap), ctx);
    const r = readers(c);
    const id = c.bind('id', ...NAMES.key);
    const created = c.bindDate('createdAt', ...NAMES.created);
    if (id < 0) c.missing('tickets', 'Issue key');
    if (created < 0) c.missing('tickets', 'Created');
    const statusText = r.status(c.bind('status', ...NAMES.status), STATUS_WORDS);
    const categoryCol = c.bind('status (category)', ...NAMES.statusCategory);
    const resolved = r.date(c.bindDate('solvedAt', ...NAMES.resolved));
    const status: Read<Status | null> = (rec, line) => {
      const s = statusText(rec, line);
      if (s !== null && s !== 'other') return s;
      const category = c.text(rec, categoryCol);
      if (category !== null && DONE.has(category.toLowerCase())) return 'solved';
      return s;
    };
    const labelCols = c.findAll(...NAMES.labels);
    if (labelCols.length > 0) c.mapping.tags = labelCols.length === 1 ? header[labelCols[0]] : `${header[labelCols[0]]} (×${labelCols.length})`;
    const sla = (names: string[], field: string): Read<boolean | null> => {
      const remaining = r.minutes(c.bind(field, ...names), 'signed-hm');
      return (rec, line) => {
        const left = remaining(rec, line);
        if (left === null) return null;
        if (left < 0) return false;
        const s = status(rec, line);
        return s === 'solved' || s === 'closed' ? true : null;
      };
    };
    const mapper = ticketMapper(c, ctx, {
      idCol: id,
      createdCol: created,
      id: r.id(id),
      createdAt: r.date(created),
      updatedAt: r.date(c.bindDate('updatedAt', ...NAMES.updated)),
      solvedAt: resolved,
      // JSM's own chart field: when an agent first responded.
      firstResponseAt: r.date(c.bindDate('firstResponseAt', ...NAMES.firstResponseAt)),
      status,
      agent: r.text(c.bind('agent', ...NAMES.assignee)),
      team: r.text(c.bind('team', ...NAMES.team)),
      priority: r.priority(c.bind('priority', ...NAMES.priority)),
      type: r.text(c.bind('type', ...NAMES.issueType)),
      category: r.text(c.bind('category', ...NAMES.requestType)),
      tags: (rec) => {
        const tags: string[] = [];
        for (const col of labelCols) {
          const t = c.text(rec, col);
          if (t !== null) tags.push(...t.split(/\s+/));
        }
        return tags;
      },
      slaFirstResponseMet: sla(NAMES.firstResponse, 'slaFirstResponseMet'),
      slaResolutionMet: sla(NAMES.resolution, 'slaResolutionMet'),
      csat: r.csat(c.bind('csat', ...NAMES.satisfaction), CSAT_WORDS),
      csatAt: r.date(c.bindDate('csatAt', ...NAMES.satisfactionDate)),
    });
    // Columns matched the unwrapped names; show the headers as the file has them.
    const original = new Map(header.map((h) => [unwrap(h), h]));
    for (const [field, name] of Object.entries(c.mapping)) c.mapping[field] = original.get(name) ?? name;
    return mapper;
  },
};
