import type { LaunchOptions } from 'puppeteer-core';

export declare const chromiumLaunchOptions: LaunchOptions & { executablePath: string };
