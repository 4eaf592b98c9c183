// The libraries the dashboard starts with: importing one evaluates the whole chunk it was bundled into
// (React's, or the other libraries'), so this evaluates both, in a task before the dashboard's own code.
import 'react-dom/client';
import '@tanstack/react-query';
