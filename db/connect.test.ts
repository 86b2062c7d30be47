import { describe, expect, it } from "vitest";
import { socketOptions } from "./connect";

describe("socketOptions", () => {
  it("moves a socket directory out of the URL", () => {
    expect(socketOptions("postgres://u:p@127.0.0.1:5544/app?host=/tmp")).toEqual({ url: "postgres://u:p@127.0.0.1:5544/app", host: "/tmp" });
  });
  it("keeps other parameters and leaves TCP URLs alone", () => {
    expect(socketOptions("postgres://u:p@db:5432/app?host=%2Fvar%2Frun%2Fpostgresql&sslmode=disable")).toEqual({
      url: "postgres://u:p@db:5432/app?sslmode=disable",
      host: "/var/run/postgresql",
    });
    expect(socketOptions("postgres://u:p@db:5432/app?sslmode=require")).toEqual({ url: "postgres://u:p@db:5432/app?sslmode=require" });
  });
});
