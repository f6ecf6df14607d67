import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { LessonComponent } from './lesson.component';

bootstrapApplication(LessonComponent, { providers: [provideZonelessChangeDetection()] }).catch((error) => {
  console.error(error);
  throw error;
});
