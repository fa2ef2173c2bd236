/** Entry point of the dashboard page (web/index.html). */
import './styles.css';
import { startDashboard } from './dashboard';
import { createView } from './view';

startDashboard(createView());
