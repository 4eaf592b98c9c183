/** Words every screen shares: buttons, dialogs, loading and empty states, time, errors. */
export default {
  showMore: 'Show more',
  showLess: 'Show less',
  cancel: 'Cancel',
  close: 'Close',
  copy: 'Copy',
  copied: 'Copied',
  dismiss: 'Dismiss',
  download: 'Download',
  save: 'Save',
  delete: 'Delete',
  edit: 'Edit',
  retry: 'Try again',
  never: 'Never',
  live: 'Live',
  notifications: 'Notifications',
  progress: 'Progress',
  shownOnce:
    '<strong>Copy it now: you won’t see it again.</strong> Switchboard does not show it a second time.',
  time: {
    justNow: 'just now',
  },
  errors: {
    network: 'Cannot reach the server. Check the connection and try again.',
    unknown: 'Something went wrong.',
  },
  qr: {
    alt: 'QR code',
    drawFailed: 'Could not draw the QR code: {{error}}',
  },
} as const;
