using RecipeCi.Cli;

return await RecipeCiApp.RunAsync(args);
