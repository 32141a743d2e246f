using LoopbackAnalyzers.Demo;

// A local development server for a front-end team: serves a mock API, proxies to a backend
// running on this machine, and (in Debug builds) collects log lines from local tools.
var builder = WebApplication.CreateBuilder(args);

if (builder.Environment.IsDevelopment())
{
    // Development: a second, fixed port for the browser extension.
    builder.WebHost.ConfigureKestrel(options =>
    {
        options.ListenAnyIP(5001); // LOOP001: it runs only inside an IsDevelopment() branch
    });
}

builder.Services.AddSingleton<DevProxy>();

var app = builder.Build();

app.MapGet("/api/status", () => Results.Ok(new { status = "ok", time = DateTimeOffset.UtcNow }));
app.MapGet("/api/users/{id:int}", (int id) => Results.Ok(new { id, name = $"User {id}" }));

using var logSink = DebugLogSink.Open();
var proxy = app.Services.GetRequiredService<DevProxy>();
var proxyTask = proxy.RunAsync(app.Lifetime.ApplicationStopping);

await app.RunAsync();
await proxyTask;
