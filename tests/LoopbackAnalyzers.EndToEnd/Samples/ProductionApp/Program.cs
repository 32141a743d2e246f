using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

// A containerised service: it must accept connections from outside the container, so every listener binds all
// interfaces on purpose. The lines marked LOOP001 are reported only in audit mode
// (.editorconfig: loopback_analyzers.intent = loopback); by default nothing here is reported.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(options =>
{
    options.ListenAnyIP(8080); // LOOP001
    options.Listen(IPAddress.IPv6Any, 8443); // LOOP001
    options.ListenLocalhost(8082);
});

var app = builder.Build();
app.Urls.Add("http://*:8081"); // LOOP001
app.Urls.Add("http://localhost:8083");
app.MapGet("/", () => Results.Ok("up"));

var metrics = new TcpListener(IPAddress.Any, 9000); // LOOP001
metrics.Start();

app.Run();
