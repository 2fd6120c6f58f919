// MVA-1 Help: the PBX-side setup after Voice Assist is added, condensed from the vendor manual
// (seed 3793-3937). Texts live under voiceAssist.help.guides.<id>; this is their order.

export interface PbxGuide {
  readonly id: 'mivoice5000' | 'mivoiceBusiness' | 'mxOne' | 'mivoiceOffice400';
  /** The manual's section, for readers who want the full text. */
  readonly section: string;
  readonly steps: readonly string[];
  readonly notes: readonly string[];
}

export const PBX_GUIDES: readonly PbxGuide[] = [
  { id: 'mivoice5000', section: '3.1.6.1', steps: ['trunk', 'characteristics', 'port', 'dialPlan', 'routes'], notes: ['resync'] },
  { id: 'mivoiceBusiness', section: '3.1.6.2', steps: ['arsRoute', 'medium', 'digits', 'pstn', 'speedCall'], notes: ['peerProfile'] },
  { id: 'mxOne', section: '3.1.6.3', steps: ['route', 'signalling', 'equip', 'credentials', 'destination'], notes: ['uriString'] },
  { id: 'mivoiceOffice400', section: '3.1.6.4', steps: ['open', 'callNumber', 'route', 'external', 'apply'], notes: ['dialling'] },
];
