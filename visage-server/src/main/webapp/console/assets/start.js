// Loaded last, after every page registered itself.
window.Visage.start();
