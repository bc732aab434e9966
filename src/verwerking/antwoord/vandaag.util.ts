/** The date in the Netherlands at this moment (ISO), for DagtekeningRetour and TR135's system date. */
export { vandaagInNederland } from '../../platform/tijd/nederlandse-tijd';
